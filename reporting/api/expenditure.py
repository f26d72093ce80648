"""API of the expenditure area."""


def register(router) -> None:
    pass
