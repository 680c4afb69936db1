"""A module whose file name contains spaces and accented letters."""

café_menu = {"crème brûlée": 6.5, "café au lait": 3.2, "naïve tart": 4.0}


def prix_total(commande: dict[str, int]) -> float:
    return sum(café_menu[plat] * n for plat, n in commande.items())


class Café:
    nom = "Le Petit Café"

    def accueil(self, client: str) -> str:
        return f"Bienvenue, {client} — {self.nom} ☕"
