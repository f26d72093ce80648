"""`make bench` / `python -m bench [name ...]`: run the benchmarks and print their figures.
`python -m bench load [options]`: the load bench through gunicorn (bench/load.py, bench/README.md).

Each module in this package with a `run()` function is a benchmark. The database is the one
DATABASE_URL names (a test database is created and dropped), SQLite by default.
"""

import importlib
import pkgutil
import sys
from pathlib import Path

from bench.harness import bench_database, setup


def main(names: list[str]) -> None:
    setup()
    from django.db import connection

    modules = [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name not in ("harness", "load")]
    selected = [m for m in modules if not names or m in names]
    print(f"database: {connection.vendor}")
    for name in selected:
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "run"):
            continue
        print(f"== {name}: {module.__doc__.strip().splitlines()[0] if module.__doc__ else ''}")
        with bench_database():
            module.run()


if __name__ == "__main__":
    if sys.argv[1:2] == ["load"]:  # its own database and options, no throw-away test database
        from bench.load import main as load

        load(sys.argv[2:])
    else:
        main(sys.argv[1:])
