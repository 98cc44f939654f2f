package dev.tollgate.demo.it.datagrid;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("/")
public class DataGridApplication extends Application {
}
