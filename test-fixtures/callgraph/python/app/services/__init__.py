from .orders import place_order

__all__ = ["place_order"]
