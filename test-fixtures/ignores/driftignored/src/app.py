def app():
    pass
