"""The bundle's entry point: the same `spandesk` command as the venv's (GUI with no arguments)."""

import multiprocessing

from desktop.launch import main

if __name__ == "__main__":
    # spaCy's `nlp.pipe(n_process=N)` starts worker processes; where they are spawned
    # (Windows, macOS) a frozen executable must recognise itself as a worker here.
    multiprocessing.freeze_support()
    main()
