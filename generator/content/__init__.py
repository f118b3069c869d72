"""What a deck says: YAML read by position, typed fields, the content model and deck folders."""
