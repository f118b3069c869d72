"""Drawing: the only package that imports ReportLab (and, for images, Pillow). Its
modules import ReportLab's drawing libraries only when they draw (render/identity.py
sets ReportLab up for every file written)."""
