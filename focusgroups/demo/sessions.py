"""Demo data of the sessions area."""


def load(stdout) -> None:
    pass
