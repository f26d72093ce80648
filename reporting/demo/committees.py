"""Demo data of the committees area."""


def load(stdout) -> None:
    pass
