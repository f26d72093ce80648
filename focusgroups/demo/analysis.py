"""Demo data of the analysis area."""


def load(stdout) -> None:
    pass
