"""Demo data of the structure area."""


def load(stdout) -> None:
    pass
