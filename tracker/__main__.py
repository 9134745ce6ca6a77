"""``python -m tracker``: the same as the ``tracker`` command."""

from tracker.cli import main

# guarded: parser worker processes (forkserver) import the main module again
if __name__ == "__main__":
    main()
