package com.shop.service;

public abstract class BaseService {
    protected void audit(String action) {
        System.out.println(action);
    }
}
