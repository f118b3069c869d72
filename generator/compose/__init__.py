"""Decks laid out as data: text fitting, faces, the facilitator pack. Pure."""
