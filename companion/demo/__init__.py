"""A demo class with years of plausible history, behind `companion demo` and the welcome.

`build_demo` is pure: the same `today` and seed give the same data, so a demo can be
reproduced and tested (tests/unit/test_demo.py pins what a seed gives). `write_demo`
puts it in a store through its public methods only; `create_demo` writes a new file.

One module per feature: model.py (what a demo holds), children.py (the classes),
days_off.py (the school calendar), abc.py (the ABC of Love history), build.py (the
school years assembled from them), write.py (into the store). A feature adds its demo
data as a module beside these, a field on DemoYear, one line in build.py and one in
write.py.
"""

from companion.demo.build import build_demo
from companion.demo.model import DemoChild, DemoData, DemoSummary, DemoYear
from companion.demo.write import create_demo, write_demo

__all__ = [
    "DemoChild",
    "DemoData",
    "DemoSummary",
    "DemoYear",
    "build_demo",
    "create_demo",
    "write_demo",
]
