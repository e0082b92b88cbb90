/**
 * After-sales (contract §10, docs/aftersales.md): refund, return and exchange tickets on a shop's orders, their
 * state machine ({@link io.kefu.server.aftersales.Transitions}, one table), who may act
 * ({@link io.kefu.server.aftersales.AfterSaleAccess}), the service that checks, stores and announces each change
 * ({@link io.kefu.server.aftersales.AfterSales}), the auto-approval sweep
 * ({@link io.kefu.server.aftersales.AutoApproval}), and the buyer profile a shop keeps
 * ({@link io.kefu.server.aftersales.BuyerProfiles}).
 */
package io.kefu.server.aftersales;
