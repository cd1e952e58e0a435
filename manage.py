#!/usr/bin/env python
import os
import sys


# Commands that only inspect code and never serve or touch secrets may run on a bare
# checkout without configuration; everything else needs DEBUG=true or a SECRET_KEY.
INSPECTION_COMMANDS = {"check", "makemigrations", "showmigrations", "help", "version"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if len(sys.argv) > 1 and sys.argv[1] in INSPECTION_COMMANDS and not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
