"""Demo data of the reports area."""


def load(stdout) -> None:
    pass
