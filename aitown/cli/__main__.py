import sys

from aitown.cli import main

sys.exit(main())
