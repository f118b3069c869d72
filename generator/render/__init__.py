"""Drawing: the only package that imports ReportLab (and, for images, Pillow)."""

from reportlab import rl_config

# Binary streams: ASCII85 makes every PDF a quarter larger and slower to read back.
rl_config.useA85 = 0
