def activate():
    return "venv"
