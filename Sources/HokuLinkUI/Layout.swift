/// How the screen is shared between the phone (or browser) and the guide panel.
///
/// The rule: the phone is 48 columns wide (46 inside) and at most 40 rows tall. The guide panel goes to
/// its right, 2 columns apart, when it is wanted and at least 28 columns are left (so from 78 columns,
/// and always at 80); it takes up to 40 columns. The pair is centred. Without the panel the phone is centred.
/// The browser frame takes up to 120 columns; the panel joins it from 110 columns.
public enum Layout {
  public static let minimumWidth = 80
  public static let minimumHeight = 24
  public static let phoneWidth = 48
  public static let phoneMaximumHeight = 40
  public static let guideGap = 2
  public static let guideMinimumWidth = 28
  public static let guideMaximumWidth = 40
  public static let browserMaximumWidth = 120
  public static let browserWithGuideMinimumWidth = 110

  /// Below 80×24 the app shows `EnlargeScreen` instead.
  public static func isTooSmall(width: Int, height: Int) -> Bool {
    width < minimumWidth || height < minimumHeight
  }

  public static func split(width: Int, height: Int, guide: Bool) -> (phone: Rect, guide: Rect?) {
    let phoneHeight = min(height, phoneMaximumHeight)
    let top = max(0, (height - phoneHeight) / 2)
    let phone = min(width, phoneWidth)
    let room = width - phone - guideGap
    if guide && room >= guideMinimumWidth {
      let guideWidth = min(room, guideMaximumWidth)
      let left = (width - phone - guideGap - guideWidth) / 2
      return (
        Rect(x: left, y: top, width: phone, height: phoneHeight),
        Rect(x: left + phone + guideGap, y: top, width: guideWidth, height: phoneHeight)
      )
    }
    return (Rect(x: (width - phone) / 2, y: top, width: phone, height: phoneHeight), nil)
  }

  public static func splitBrowser(width: Int, height: Int, guide: Bool) -> (browser: Rect, guide: Rect?) {
    if guide && width >= browserWithGuideMinimumWidth {
      let guideWidth = guideMinimumWidth + 2
      let browser = min(browserMaximumWidth, width - guideGap - guideWidth)
      let left = (width - browser - guideGap - guideWidth) / 2
      return (
        Rect(x: left, y: 0, width: browser, height: height),
        Rect(x: left + browser + guideGap, y: 0, width: guideWidth, height: height)
      )
    }
    let browser = min(width, browserMaximumWidth)
    return (Rect(x: (width - browser) / 2, y: 0, width: browser, height: height), nil)
  }
}
