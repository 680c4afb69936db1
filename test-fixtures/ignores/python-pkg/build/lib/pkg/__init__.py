def copied():
    pass
