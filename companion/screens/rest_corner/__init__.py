"""The rest corner (rusthoek): "where are you now?", the strategy picker, what helps whom.

check_in.py asks where someone is, who.py for whom, picker.py offers the suggestions and
logs the one picked, outcome.py asks how it went (and lists the uses still waiting for
it); flow.py runs them one after the other from every entry point. place.py is the place
(key r), library.py the strategies with her own (strategy_form.py), card.py her "what
helps me" on the child's page. The screens are imported here so that whoever walks the
screens package (the palette's and the help's checks) finds them.
"""

from companion.screens.rest_corner.library import StrategyLibraryScreen
from companion.screens.rest_corner.place import RestCornerScreen

__all__ = ["RestCornerScreen", "StrategyLibraryScreen"]
