package dev.tollgate.demo.it.load;

/**
 * One page asked for during a load run.
 *
 * @param completed  the page came back: HTTP 200 with the calls' JSON
 * @param calls      the vendor calls the page made
 * @param failedCalls the calls whose outcome was not ok
 * @param problem    what went wrong first (a failed call's error, or why the page did not complete)
 */
public record PageResult(long nanos, boolean completed, int calls, int failedCalls, String problem) {

    static PageResult notCompleted(long nanos, String why) {
        return new PageResult(nanos, false, 0, 0, why);
    }
}
