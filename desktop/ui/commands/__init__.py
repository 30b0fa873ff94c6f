"""What the keys and menus do (the handlers the actions table names): span and document keys,
event keys (E, R, the current event), the View menu, the File menu. Each reads what the view
holds and calls one action through the desk."""
