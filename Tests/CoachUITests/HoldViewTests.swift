import MonotonicTime
import CoachPolicy
import TUIKit
import Testing
import TestSupport
import CoachUI
import ExerciseCatalog
import SessionEngine

/// The work screens as they read from the mat, asserted whole at 40x12, 80x24 and 120x40: the
/// number grows with the terminal (scale 1, 2, 3), the word is big where it fits (beside the
/// rep number for tempo reps at 80x24), the figure takes the free space, "Stop if" stays.
@Suite("hold view from the floor")
struct HoldViewTests {
    /// Knee to chest, left side, 10 s into its 30 s hold.
    static func inHold() -> ProgramDriver {
        var driver = ProgramDriver()
        driver.type("3")
        driver.press(.enter)
        driver.wait(5)
        driver.wait(10)
        return driver
    }

    /// Glute bridge (tempo 2-3-2), rep 2, in its hold phase.
    static func inTempo() -> ProgramDriver {
        var driver = ProgramDriver()
        driver.type("3")
        driver.press(.character("s"))
        driver.press(.character("s"))
        driver.press(.enter)
        driver.wait(5)
        driver.wait(9)
        return driver
    }

    @Test("a hold at 40x12, 80x24 and 120x40: digits first, then bigger, with the figure and the stop line")
    func holdAtThreeSizes() {
        let driver = Self.inHold()
        #expect(driver.text(40, 12) == Self.hold40x12)
        #expect(driver.text(80, 24) == Self.hold80x24)
        #expect(driver.text(120, 40) == Self.hold120x40)
    }

    @Test("tempo reps at 40x12, 80x24 and 120x40: the phase word and the rep number in big type")
    func tempoAtThreeSizes() {
        let driver = Self.inTempo()
        #expect(driver.text(40, 12) == Self.tempo40x12)
        #expect(driver.text(80, 24) == Self.tempo80x24)
        #expect(driver.text(120, 40) == Self.tempo120x40)
    }

    @Test("the number is taller at 80x24 than at 40x12, and taller again at 120x40")
    func digitsGrowWithTheTerminal() {
        let driver = Self.inHold()
        func blockRows(_ width: Int, _ height: Int) -> Int { driver.screen(width, height).filter { $0.contains("██") && !$0.contains("of 30 s") }.count }
        #expect(blockRows(40, 12) == 5)
        #expect(blockRows(80, 24) == 10)
        #expect(blockRows(120, 40) == 20, "15 rows of digits and the big word HOLD")
    }

    @Test("block letters of the phase words, and scale")
    func bigWords() {
        #expect(BigDigits.canDraw("GET READY") && BigDigits.canDraw("RIGHT SIDE") && BigDigits.canDraw("LEFT SIDE"))
        #expect(BigDigits("UP").rows == ["██  ██ █████ ", "██  ██ ██  ██", "██  ██ █████ ", "██  ██ ██    ", " ████  ██    "])
        let doubled = BigDigits("1", scale: 2)
        #expect(doubled.width == 12 && doubled.scaledHeight == 10)
        #expect(doubled.rows[0] == "    ████    " && doubled.rows[1] == doubled.rows[0])
    }

    static let hold40x12 = #"""
        limber · test r… exercise 1 of 3 · 00:16
        Knee to chest     set 1 of 2 · LEFT side
                          HOLD
                     █████   ████
                         ██ ██  ██
                      ████  ██  ██
                     ██     ██  ██
                     ██████  ████

         ████████░░░░░░░░░░░░░░░░░░  10 of 30 s
         Stop if: Pain or tingling spreads…
        p pause · enter finish · s skip · q end
        """#

    static let hold80x24 = #"""
        limber · test routine                                    exercise 1 of 3 · 00:16
        ────────────────────────────────────────────────────────────────────────────────
        Knee to chest                                             set 1 of 2 · LEFT side


                                         ██████████      ████████
                                         ██████████      ████████
          ██  ██  ████  ██     █████             ████  ████    ████
          ██  ██ ██  ██ ██     ██  ██            ████  ████    ████
          ██████ ██  ██ ██     ██  ██      ████████    ████    ████            ____
          ██  ██ ██  ██ ██     ██  ██      ████████    ████    ████           /\   \
          ██  ██  ████  ██████ █████     ████          ████    ████      o__/____\__
                                         ████          ████    ████     ==============
                                         ████████████    ████████
                                         ████████████    ████████

                    Breathe out as you pull. No bouncing.


          █████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  10 of 30 s

          Stop if: Pain or tingling spreads further down your leg.
        ────────────────────────────────────────────────────────────────────────────────
        p pause · enter finish · s skip · q end · ? help
        """#

    static let hold120x40 = #"""
        limber · test routine                                                                            exercise 1 of 3 · 00:16
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
        Knee to chest                                                                                     set 1 of 2 · LEFT side




                                             ██  ██  ████  ██     █████
                                             ██  ██ ██  ██ ██     ██  ██
                                             ██████ ██  ██ ██     ██  ██
                                             ██  ██ ██  ██ ██     ██  ██
                                             ██  ██  ████  ██████ █████

                                       ███████████████         ████████████
                                       ███████████████         ████████████
                                       ███████████████         ████████████
                                                   ██████   ██████      ██████
                                                   ██████   ██████      ██████                                         ____
                                                   ██████   ██████      ██████                                        /\   \
                                          ████████████      ██████      ██████                                   o__/____\__
                                          ████████████      ██████      ██████                                  ==============
                                          ████████████      ██████      ██████
                                       ██████               ██████      ██████
                                       ██████               ██████      ██████
                                       ██████               ██████      ██████
                                       ██████████████████      ████████████
                                       ██████████████████      ████████████
                                       ██████████████████      ████████████

                                        Breathe out as you pull. No bouncing.





          ██████████████████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  10 of 30 s

          Stop if: Pain or tingling spreads further down your leg.
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
        p pause · enter finish · s skip · q end · ? help
        """#

    static let tempo40x12 = #"""
        limber · test r… exercise 3 of 3 · 00:16
        Glute bridge                  set 1 of 2
                HOLD · rep 2 of 10 · 3 s
                        █████
                            ██
                         ████
                        ██
                        ██████

         ██░░░░░░░░░░░░░░░░░░░░░░  1 of 10 reps
         Stop if: Back pain when lifting.
        p pause · enter finish · s skip · q end
        """#

    static let tempo80x24 = #"""
        limber · test routine                                    exercise 3 of 3 · 00:16
        ────────────────────────────────────────────────────────────────────────────────
        Glute bridge                                                          set 1 of 2

                                    HOLD · rep 2 of 10 · 3 s
                                                         ██████████
                                                         ██████████
                   ██  ██  ████  ██     █████                    ████
                   ██  ██ ██  ██ ██     ██  ██                   ████
                   ██████ ██  ██ ██     ██  ██             ████████
                   ██  ██ ██  ██ ██     ██  ██             ████████
                   ██  ██  ████  ██████ █████            ████
                                                         ████
                                                         ████████████
                                                         ████████████

                           Hold it there and breathe. Squeeze first.


          ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  1 of 10 reps

          Stop if: Back pain when lifting.
        ────────────────────────────────────────────────────────────────────────────────
        p pause · enter finish · s skip · q end · ? help
        """#

    static let tempo120x40 = #"""
        limber · test routine                                                                            exercise 3 of 3 · 00:16
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
        Glute bridge                                                                                                  set 1 of 2




                                                      ██  ██  ████  ██     █████
                                                      ██  ██ ██  ██ ██     ██  ██
                                                      ██████ ██  ██ ██     ██  ██
                                                      ██  ██ ██  ██ ██     ██  ██
                                                      ██  ██  ████  ██████ █████
                                                        HOLD · rep 2 of 10 · 3 s

                                                          ███████████████
                                                          ███████████████
                                                          ███████████████
                                                                      ██████
                                                                      ██████
                                                                      ██████
                                                             ████████████
                                                             ████████████
                                                             ████████████
                                                          ██████
                                                          ██████
                                                          ██████
                                                          ██████████████████
                                                          ██████████████████
                                                          ██████████████████

                                               Hold it there and breathe. Squeeze first.




          ██████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  1 of 10 reps

          Stop if: Back pain when lifting.
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
        p pause · enter finish · s skip · q end · ? help
        """#
}
