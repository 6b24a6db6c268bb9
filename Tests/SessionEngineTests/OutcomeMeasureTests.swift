import CoachPolicy
import Foundation
import Testing

@Suite("outcome measures")
struct OutcomeMeasureTests {
    @Test("the PEG score is the mean of its three items; a 30% change from the first score is meaningful")
    func peg() {
        #expect(PEGAnswers(pain: 6, enjoyment: 7, activity: 8).score == 7)
        #expect(OutcomeChange.pegIsMeaningful(from: 7, to: 4.9), "2.1 of 7 is 30%")
        #expect(!OutcomeChange.pegIsMeaningful(from: 7, to: 5.2))
        #expect(OutcomeChange.pegIsMeaningful(from: 3, to: 4), "one point of three is a third")
        #expect(OutcomeChange.pegIsMeaningful(from: 0, to: 1))
        #expect(!OutcomeChange.pegIsMeaningful(from: 0, to: 0.5))
    }

    @Test("the PSFS score is the mean of the activities; 2 points is meaningful; skipped is no score")
    func psfs() {
        let ratings = [PSFSRating(activity: "sit for an hour", rating: 3), PSFSRating(activity: "put on socks", rating: 6)]
        #expect(psfsScore(ratings) == 4.5)
        #expect(psfsScore([]) == nil)
        #expect(OutcomeCheckIn(takenAt: Date(), peg: nil, psfs: ratings).psfsScore == 4.5)
        #expect(OutcomeChange.psfsIsMeaningful(from: 4.5, to: 6.5))
        #expect(!OutcomeChange.psfsIsMeaningful(from: 4.5, to: 6.4))
    }
}
