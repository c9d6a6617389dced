import Testing
import SlimLog

/// Names from logs shown on terminals and in text files: control characters become escapes.
@Suite struct VisibleControlsTests {
    @Test func controlCharactersBecomeVisibleEscapes() {
        #expect("a\u{1b}[2Jb".visibleControlCharacters() == #"a\u{1b}[2Jb"#)
        #expect("\u{1b}]0;pwned\u{7}".visibleControlCharacters() == #"\u{1b}]0;pwned\u{7}"#)
        #expect("x\ny\r\tz\u{0}".visibleControlCharacters() == #"x\u{a}y\u{d}\u{9}z\u{0}"#)
        // DEL, a C1 control (CSI) and a right-to-left override.
        #expect("\u{7f}\u{9b}\u{202e}ab".visibleControlCharacters() == #"\u{7f}\u{9b}\u{202e}ab"#)
    }

    @Test func lineFeedsStayWhenTheyAreTheWritersOwn() {
        #expect("a\nb\u{1b}".visibleControlCharacters(keepingLineFeeds: true) == "a\nb\\u{1b}")
    }

    @Test func ordinaryTextIsUnchanged() {
        for s in ["", "feature.1", "tiny λ=1e-3 → 97.3 %", "|γ| ≤ 0.01", "日本語 😀"] {
            #expect(s.visibleControlCharacters() == s)
        }
    }
}
