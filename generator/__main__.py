from generator.cli import main

# Guarded: a worker process drawing share cards (cardcache) imports this module again.
if __name__ == "__main__":
    raise SystemExit(main())
