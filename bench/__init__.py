"""The benchmark runner (``make bench``): see ``bench/run.py`` and ``bench/targets.py``."""
