from app.db import BaseModel


class User(BaseModel): # expect-no-pattern: contracts/pydantic-model
    pass
