package com.example.shop;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/** The catalogue API from the first app version, still used by the offline sync. */
public final class LegacyCatalogClient {
    // Correct: names of preference entries and intent extras, not secrets.
    public static final String PREF_ACCESS_TOKEN = "access_token";
    public static final String PREF_REFRESH_TOKEN = "refresh_token";
    static final String EXTRA_AUTH_CODE = "com.example.shop.extra.AUTH_CODE";

    // Deliberate: a catalogue key in a constant, sent as a header below.
    private static final String CATALOG_KEY = "FAKE0000k9Qx2mZp9LwV4tRb8NcY"; // expect: hardcoded-secret
    // Deliberate: a key in a URL ends up in server logs, proxies and crash reports.
    private static final String STOCK_FEED_URL = "https://feeds.shop.example.com/v1/stock.json?api_key=FAKE3Hn8Qw2Zr5Tx7Lp4Vb9Kc6Md"; // expect: secret-in-url

    public HttpURLConnection openCatalog() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("https://catalog.shop.example.com/v2/items").openConnection();
        connection.setRequestProperty("X-Api-Key", CATALOG_KEY);
        connection.setRequestProperty("Accept", "application/json");
        return connection;
    }

    public HttpURLConnection openStockFeed() throws IOException {
        return (HttpURLConnection) new URL(STOCK_FEED_URL).openConnection();
    }
}
