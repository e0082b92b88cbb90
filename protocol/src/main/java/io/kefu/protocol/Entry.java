package io.kefu.protocol;

/**
 * Where a buyer opened the chat from: {@code type} is {@code product}, {@code order}, {@code shop} or
 * {@code aftersale}; {@code ref} names the product, order or after-sale (may be {@code null}).
 */
public record Entry(String type, String ref) {
    public static final String PRODUCT = "product";
    public static final String ORDER = "order";
    public static final String SHOP = "shop";
    public static final String AFTERSALE = "aftersale";
}
