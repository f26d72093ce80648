"""Demo data of the expenditure area."""


def load(stdout) -> None:
    pass
