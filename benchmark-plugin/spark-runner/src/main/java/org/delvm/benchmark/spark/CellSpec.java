package org.delvm.benchmark.spark;

import java.io.Serializable;

/**
 * One cell of a plan, as a Spark task carries it.
 *
 * @param id the cell's id
 * @param json its definition as JSON (the engine's cell record)
 * @param plannedSeconds the cost model's seconds, from the definition alone
 */
record CellSpec(String id, String json, double plannedSeconds) implements Serializable {}
