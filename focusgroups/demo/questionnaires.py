"""Demo data of the questionnaires area."""


def load(stdout) -> None:
    pass
