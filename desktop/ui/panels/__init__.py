"""The window's panels: document list, label bar, the line above the article, document labels,
events and the status bar. They show what they are given and say what was clicked (signals);
what a click does is the window's and the commands'."""
