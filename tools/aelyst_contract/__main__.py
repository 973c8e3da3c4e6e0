import sys

from aelyst_contract.cli import main

sys.exit(main())
