import HokuLinkCore
import HokuLinkUI
