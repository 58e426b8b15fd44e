"""A workshop room: ``make hub`` starts a JupyterHub on this machine (see hub/launch.py, INSTRUCTOR.md)."""
