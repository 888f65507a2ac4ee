package org.delvm.benchmark.datasets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 serving fixture files by path, with switches for the failures the
 * fetcher must survive or report.
 */
final class FixtureServer implements AutoCloseable {

  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();

  /** This many requests are answered 503 before files are served. */
  final AtomicInteger unavailableAnswers = new AtomicInteger();

  /** When set, bodies stop halfway although Content-Length promises the whole file. */
  volatile boolean cutBodiesShort;

  /** When positive, bodies stop halfway and the connection stays open this long (a stall). */
  volatile long stallMillis;

  /** Delay before each answer, to make concurrent fetches overlap. */
  volatile long delayMillis;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  FixtureServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The URL of a path on this server, e.g. {@code url("/a.bin")}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      Thread.sleep(delayMillis);
      if (unavailableAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      byte[] body = files.get(exchange.getRequestURI().getPath());
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      OutputStream out = exchange.getResponseBody();
      if (stallMillis > 0) {
        out.write(body, 0, body.length / 2);
        out.flush();
        Thread.sleep(stallMillis);
        return;
      }
      if (cutBodiesShort) {
        out.write(body, 0, body.length / 2);
        out.flush();
        // Throwing makes the server drop the connection, so the client sees the body end early.
        throw new IOException("fixture: cutting the body short");
      }
      out.write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
