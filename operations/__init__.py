"""How the site reports its parts failing (the bottom floor: anyone may use it)."""
