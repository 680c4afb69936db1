from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Response, status
from fastapi.responses import HTMLResponse
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from app.db import get_db
from app.models import Item

router = APIRouter(prefix="/items", tags=["items"]) # expect-no-pattern: fastapi/auth/security-scheme
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token") # expect-pattern: fastapi/auth/security-scheme


class ItemIn(BaseModel): # expect-pattern: fastapi/api/pydantic-schema
    name: str = Field(min_length=1, max_length=80)
    price: float = Field(gt=0)


class ItemOut(ItemIn): # expect-no-pattern: fastapi/api/pydantic-schema
    id: int


class ItemFilter: # expect-no-pattern: fastapi/api/pydantic-schema
    def __init__(self, q: str | None = None):
        self.q = q


@router.get("/{item_id}", response_model=ItemOut) # expect-pattern: fastapi/api/route-with-response-model, fastapi/performance/async-route  expect-no-pattern: fastapi/api/route-without-response-model, fastapi/performance/sync-route
async def read_item(item_id: int, db: Session = Depends(get_db)): # expect-pattern: fastapi/structural/depends
    item = db.get(Item, item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found") # expect-pattern: fastapi/errors/http-exception
    return item


@router.get("/") # expect-pattern: fastapi/api/route-with-response-model, fastapi/performance/sync-route  expect-no-pattern: fastapi/performance/async-route
def list_items(
    db: Annotated[Session, Depends(get_db)], # expect-pattern: fastapi/structural/depends
    limit: int = 50, # expect-no-pattern: fastapi/structural/depends
) -> list[ItemOut]:
    return db.query(Item).limit(limit).all()


@router.post("/", status_code=status.HTTP_201_CREATED) # expect-pattern: fastapi/api/route-without-response-model, fastapi/performance/async-route  expect-no-pattern: fastapi/api/route-with-response-model
async def create_item(payload: ItemIn, token: str = Depends(oauth2_scheme), db: Session = Depends(get_db)):
    item = Item(**payload.model_dump())
    db.add(item)
    db.commit()
    return {"id": item.id, "name": item.name}


@router.delete("/{item_id}", status_code=204) # expect-no-pattern: fastapi/api/route-without-response-model, fastapi/api/route-with-response-model
async def delete_item(item_id: int, db: Session = Depends(get_db)) -> None:
    db.query(Item).filter(Item.id == item_id).delete()
    db.commit()


@router.get("/{item_id}/raw") # expect-no-pattern: fastapi/api/route-with-response-model
async def raw_item(item_id: int) -> Response:
    return Response(content=b"...", media_type="application/octet-stream")


@router.get("/{item_id}/page", response_class=HTMLResponse) # expect-no-pattern: fastapi/api/route-with-response-model, fastapi/api/route-without-response-model
def item_page(item_id: int) -> Any:
    return f"<h1>{item_id}</h1>"


def check_price(price: float) -> None:
    if price > 10_000:
        raise ValueError("price too high") # expect-no-pattern: fastapi/errors/http-exception
