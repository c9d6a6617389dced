import Testing
@testable import SlimImport

@Suite struct PruneInferenceTests {
    @Test func ratioFollowsTheReferenceFloatingPointIndex() {
        // int(1360 * 0.7) is 951 in floating point, so a threshold at index 951 is p = 0.7.
        #expect(PruneInference.ratio(total: 1360, lowest: 951, highest: 951) == (0.7, 951))
        #expect(PruneInference.ratio(total: 1360, lowest: 1224, highest: 1224) == (0.9, 1224))
        #expect(PruneInference.ratio(total: 38, lowest: 19, highest: 19) == (0.5, 19))
    }

    @Test func tiesLetTheRoundestRatioWin() {
        // Threshold value shared by sorted positions 100…140 of 448: p = 0.3 gives index 134.
        #expect(PruneInference.ratio(total: 448, lowest: 100, highest: 140) == (0.3, 134))
    }

    @Test func nothingDroppedIsRatioZero() {
        #expect(PruneInference.ratio(total: 10, lowest: 0, highest: -1) == (0, 0))
    }
}
