"""`python -m desktop` runs the same command line as `spandesk`."""

from desktop.launch import main

if __name__ == "__main__":
    main()
