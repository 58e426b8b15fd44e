# The kernels' own log, installed by the Makefile into .venv/etc/ipython/ (IPython reads config from
# sys.prefix/etc/ipython). ipykernel warns "Kernel is running over TCP without encryption ..." in the
# terminal every time a notebook opens; on 127.0.0.1 that is Jupyter's usual set-up, and a learner would
# take the warning for an error. Only the kernel application's own messages below ERROR are hidden:
# warnings raised by a learner's code still show in the notebook.
c = get_config()  # noqa: F821 - provided by IPython when it loads this file
c.IPKernelApp.log_level = "ERROR"
