"""Drawing: the only package that imports ReportLab (and, for images, Pillow)."""
