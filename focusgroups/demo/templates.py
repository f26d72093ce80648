"""Demo data of the templates area."""


def load(stdout) -> None:
    pass
