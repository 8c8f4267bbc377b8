import CNcursesw
import HokuLinkUI
