import HokuLinkCore

print("hokulink \(HokuLink.version)")
