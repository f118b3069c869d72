"""How cards look: units, inheritance, templates, layouts, themes, contrast."""
